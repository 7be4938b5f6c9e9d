import { setSetting, getSetting, settingSchemas, type SettingKey } from "@/server/services/settings";
import { withDatabase } from "../db";
import { UsageError, type Output, type ParsedArgs } from "../io";

const keys = Object.keys(settingSchemas) as SettingKey[];

/** `settings get KEY` / `settings set KEY JSON`: runtime settings such as sign-in rate limits. */
export async function settingsCommand(args: ParsedArgs, out: Output): Promise<number> {
  const [action, key, value] = args.positionals;
  if (!key || !keys.includes(key as SettingKey) || (action !== "get" && action !== "set"))
    throw new UsageError(`usage: settings get|set KEY [JSON]; keys: ${keys.join(", ")}`);
  let patch: Record<string, unknown> = {};
  if (action === "set") {
    try {
      patch = JSON.parse(value ?? "");
    } catch {
      throw new UsageError("settings set needs a JSON object, e.g. '{\"maxFailuresPerAccount\":10}'");
    }
    const check = settingSchemas[key as SettingKey].partial().safeParse(patch);
    if (!check.success) throw new UsageError(`invalid value: ${check.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return withDatabase(async ({ db }) => {
    const result =
      action === "get" ? await getSetting(db, key as SettingKey) : await db.transaction((tx) => setSetting(tx, key as SettingKey, patch as never));
    out.result({ command: "settings", key, value: result }, `${key} = ${JSON.stringify(result)}`);
    return 0;
  });
}
