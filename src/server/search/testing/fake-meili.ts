import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small stand-in for the Meilisearch HTTP API (the endpoints the adapter uses), so the real
 * `meilisearch` client runs against it in tests. Tasks succeed when first polled. `failNext` makes
 * the next N requests answer with an error status, like an overloaded or restarting server.
 */
export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
  status?: number;
  response?: unknown;
}

interface Task {
  uid: number;
  indexUid: string | null;
  status: "enqueued" | "succeeded" | "failed";
  type: string;
  error: { message: string; code: string; type: string; link: string } | null;
  enqueuedAt: string;
  details: Record<string, unknown> | null;
}

export interface FakeMeili {
  url: string;
  requests: FakeRequest[];
  indexes: Map<string, { primaryKey: string | null; settings: Record<string, unknown>; docs: Map<string, Record<string, unknown>> }>;
  tasks: Task[];
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

/** The values of `id IN ["a", "b"]` as the filter builder writes them. */
function idsOf(filter: string): string[] {
  const m = /^id IN \[(.*)\]$/.exec(filter);
  if (!m) throw new Error(`fake meilisearch: unsupported filter ${filter}`);
  return JSON.parse(`[${m[1]}]`) as string[];
}

export async function startFakeMeili(): Promise<FakeMeili> {
  const indexes: FakeMeili["indexes"] = new Map();
  const tasks: Task[] = [];
  const requests: FakeRequest[] = [];
  let failures: { n: number; status: number } = { n: 0, status: 503 };
  const pending = new Map<number, () => void>();

  const enqueue = (indexUid: string | null, type: string, apply: () => Task["error"] | void, details: Record<string, unknown> | null = null) => {
    const task: Task = { uid: tasks.length, indexUid, status: "enqueued", type, error: null, enqueuedAt: new Date().toISOString(), details };
    tasks.push(task);
    pending.set(task.uid, () => {
      const error = apply();
      task.status = error ? "failed" : "succeeded";
      task.error = error ?? null;
    });
    return { taskUid: task.uid, indexUid, status: "enqueued", type, enqueuedAt: task.enqueuedAt };
  };
  const notFound = (uid: string) => ({ message: `Index \`${uid}\` not found.`, code: "index_not_found", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_not_found" });

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const path = url.pathname;
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      const record: FakeRequest = { method: req.method ?? "GET", path, body };
      requests.push(record);
      const send = (status: number, json: unknown) => {
        record.status = status;
        record.response = json;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (failures.n > 0) {
        failures.n -= 1;
        return send(failures.status, { message: "unavailable", code: "internal", type: "internal", link: "https://docs.meilisearch.com/errors#internal" });
      }
      let m: RegExpExecArray | null;
      if (req.method === "GET" && (m = /^\/tasks\/(\d+)$/.exec(path))) {
        const task = tasks[Number(m[1])];
        if (!task) return send(404, { message: "Task not found.", code: "task_not_found", type: "invalid_request", link: "https://docs.meilisearch.com/errors#task_not_found" });
        pending.get(task.uid)?.();
        pending.delete(task.uid);
        const { details, ...rest } = task;
        return send(200, { ...rest, ...(details ? { details } : {}), batchUid: task.uid, canceledBy: null, duration: "PT0.001S", startedAt: task.enqueuedAt, finishedAt: new Date().toISOString() });
      }
      if (req.method === "POST" && path === "/indexes") {
        const { uid, primaryKey } = body as { uid: string; primaryKey?: string };
        return send(202, enqueue(uid, "indexCreation", () => {
          if (indexes.has(uid)) return { message: `Index \`${uid}\` already exists.`, code: "index_already_exists", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_already_exists" };
          indexes.set(uid, { primaryKey: primaryKey ?? null, settings: {}, docs: new Map() });
        }));
      }
      if (req.method === "POST" && path === "/swap-indexes") {
        const swaps = body as { indexes: [string, string] }[];
        return send(202, enqueue(null, "indexSwap", () => {
          for (const { indexes: [a, b] } of swaps) {
            const ia = indexes.get(a);
            const ib = indexes.get(b);
            if (!ia || !ib) return notFound(ia ? b : a);
            indexes.set(a, ib);
            indexes.set(b, ia);
          }
        }));
      }
      if ((m = /^\/indexes\/([^/]+)(\/.*)?$/.exec(path))) {
        const uid = decodeURIComponent(m[1]!);
        const rest = m[2] ?? "";
        const index = () => indexes.get(uid);
        if (req.method === "GET" && rest === "") {
          const i = index();
          return i ? send(200, { uid, primaryKey: i.primaryKey, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" }) : send(404, notFound(uid));
        }
        if (req.method === "DELETE" && rest === "") return send(202, enqueue(uid, "indexDeletion", () => (indexes.delete(uid) ? undefined : notFound(uid))));
        if (req.method === "PATCH" && rest === "/settings")
          return send(202, enqueue(uid, "settingsUpdate", () => {
            const i = index();
            if (!i) return notFound(uid);
            i.settings = { ...i.settings, ...(body as Record<string, unknown>) };
          }));
        if (req.method === "POST" && rest === "/documents") {
          const docs = body as Record<string, unknown>[];
          return send(202, enqueue(uid, "documentAdditionOrUpdate", () => {
            const i = index();
            if (!i) return notFound(uid);
            for (const d of docs) i.docs.set(String(d.id), d);
          }, { receivedDocuments: docs.length, indexedDocuments: docs.length }));
        }
        if (req.method === "POST" && rest === "/search") {
          const i = index();
          if (!i) return send(404, notFound(uid));
          const q = body as { q?: string; hitsPerPage?: number; page?: number; highlightPreTag?: string; highlightPostTag?: string; attributesToHighlight?: string[] };
          // Substring match on the highlighted fields; enough to exercise the adapter's mapping.
          const fields = q.attributesToHighlight ?? ["titleZh", "titleEn"];
          const hits = [...i.docs.values()]
            .filter((d) => !q.q || fields.some((f) => typeof d[f] === "string" && (d[f] as string).includes(q.q!)))
            .map((d) => {
              const formatted: Record<string, unknown> = { ...d };
              if (q.q && q.attributesToHighlight)
                for (const f of fields) if (typeof d[f] === "string") formatted[f] = (d[f] as string).split(q.q).join(`${q.highlightPreTag}${q.q}${q.highlightPostTag}`);
              return { ...d, ...(q.attributesToHighlight ? { _formatted: formatted } : {}), _rankingScore: 0.9 };
            });
          const per = q.hitsPerPage ?? 20;
          const page = q.page ?? 1;
          return send(200, {
            hits: hits.slice((page - 1) * per, page * per),
            query: q.q ?? "",
            processingTimeMs: 1,
            hitsPerPage: per,
            page,
            totalPages: Math.ceil(hits.length / per),
            totalHits: hits.length,
            facetDistribution: {},
          });
        }
        if (req.method === "POST" && rest === "/documents/delete") {
          const ids = idsOf((body as { filter: string }).filter);
          return send(202, enqueue(uid, "documentDeletion", () => {
            const i = index();
            if (!i) return notFound(uid);
            for (const id of ids) i.docs.delete(id);
          }));
        }
      }
      send(404, { message: `fake meilisearch: no route ${req.method} ${path}`, code: "not_found", type: "invalid_request", link: "" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    indexes,
    tasks,
    failNext(n, status = 503) {
      failures = { n, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
