"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { errorInfo } from "@/lib/errors";

/** Largest file either import takes. */
export const IMPORT_MAX_MB = 50;

export type ImportProblem = { key: string; params?: Record<string, string | number> };

/** The file's bytes as base64 (what the tRPC procedures take). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

interface PreviewMutation {
  mutateAsync: (input: { contentBase64: string }) => Promise<unknown>;
  reset: () => void;
  isPending: boolean;
}
interface RunMutation {
  mutateAsync: (input: { fileName: string; contentBase64: string }) => Promise<unknown>;
  reset: () => void;
  isPending: boolean;
}

/**
 * The choose → preview → import flow both import panels share (Listings CSV/XLSX and Open Supply
 * Hub lists): size check, reading the file, the preview, the import, and one translated problem to
 * show next to the file field (focus returns to it when no file is chosen).
 */
export function useFileImport(preview: PreviewMutation, run: RunMutation) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const [reading, setReading] = useState(false);

  const fail = (err: unknown) => {
    const info = errorInfo(err);
    setProblem({ key: info.key, params: info.params });
  };

  const choose = async (f: File | null) => {
    setProblem(null);
    preview.reset();
    run.reset();
    setFile(null);
    if (!f) return;
    if (f.size > IMPORT_MAX_MB * 1024 * 1024) {
      setProblem({ key: "imports.refused.tooLarge", params: { maxMb: IMPORT_MAX_MB } });
      return;
    }
    setReading(true);
    try {
      const base64 = await readBase64(f);
      setFile({ name: f.name, base64 });
      await preview.mutateAsync({ contentBase64: base64 });
    } catch (err) {
      fail(err);
    } finally {
      setReading(false);
    }
  };

  const onImport = async () => {
    if (!file) {
      setProblem({ key: "validation.required" });
      input.current?.focus();
      return;
    }
    setProblem(null);
    try {
      await run.mutateAsync({ fileName: file.name, contentBase64: file.base64 });
      router.refresh();
    } catch (err) {
      fail(err);
    }
  };

  return { input, file, problem, reading, choose, onImport, busy: reading || preview.isPending || run.isPending };
}
