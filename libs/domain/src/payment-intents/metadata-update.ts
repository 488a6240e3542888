/**
 * Stripe's metadata update semantics: keys in the update are set, a key set to the empty string is
 * removed, keys not mentioned stay, and an empty string for the whole of `metadata` clears it.
 */
export function mergeMetadata(current: Readonly<Record<string, string>>, update: Readonly<Record<string, string>> | ''): Record<string, string> {
  if (update === '') return {};
  const merged: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
