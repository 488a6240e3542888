/** Stripe's metadata limits. */
export const METADATA_LIMITS = { maxKeys: 50, maxKeyLength: 40, maxValueLength: 500 } as const;

export interface MetadataViolation {
  key: string;
  message: string;
}

export function validateMetadata(metadata: Record<string, unknown>): MetadataViolation[] {
  const violations: MetadataViolation[] = [];
  const keys = Object.keys(metadata);
  if (keys.length > METADATA_LIMITS.maxKeys) {
    violations.push({ key: keys[METADATA_LIMITS.maxKeys], message: `Metadata can have at most ${METADATA_LIMITS.maxKeys} keys.` });
  }
  for (const key of keys) {
    const value = metadata[key];
    if (key.length === 0 || key.length > METADATA_LIMITS.maxKeyLength) {
      violations.push({ key, message: `Metadata keys must be 1 to ${METADATA_LIMITS.maxKeyLength} characters long.` });
    } else if (/[[\]]/.test(key)) {
      violations.push({ key, message: 'Metadata keys cannot contain square brackets.' });
    } else if (typeof value !== 'string') {
      violations.push({ key, message: 'Metadata values must be strings.' });
    } else if (value.length > METADATA_LIMITS.maxValueLength) {
      violations.push({ key, message: `Metadata values can be at most ${METADATA_LIMITS.maxValueLength} characters long.` });
    }
  }
  return violations;
}
