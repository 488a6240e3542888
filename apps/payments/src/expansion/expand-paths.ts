import { EXPANDABLE_FIELDS, type ExpandableType } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

export type { ExpandableType };
type Target = ExpandableType | null;

/** Stripe expands at most four levels deep, counting a list's `data`. */
export const MAX_EXPAND_DEPTH = 4;

/** What to expand on one object: field → what to expand on the object that replaces it. */
export interface ExpandTree {
  type: ExpandableType | null;
  fields: Map<string, ExpandTree>;
}

/**
 * Checks every `expand` path against what the object (or, for a list, each `data` item) can expand, and merges
 * them into one tree. Refuses the whole request otherwise, before anything is changed.
 */
export function parseExpand(type: ExpandableType, expand: readonly string[] | undefined | null, options: { list?: boolean } = {}): ExpandTree {
  const root: ExpandTree = { type, fields: new Map() };
  if (expand === undefined || expand === null) return root;
  expand.forEach((path, index) => {
    const param = `expand[${index}]`;
    const segments = path.split('.');
    if (segments.length > MAX_EXPAND_DEPTH) {
      throw new PayrailError('parameter_invalid', `You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property. Property: ${path}`, { param });
    }
    if (options.list && segments[0] !== 'data') throw cannotExpand(path, param);
    addPath(root, options.list ? segments.slice(1) : segments, path, param);
  });
  return root;
}

function addPath(node: ExpandTree, segments: string[], path: string, param: string): void {
  let current = node;
  let rest = segments;
  while (rest.length > 0) {
    const match = current.type ? matchField(current.type, rest) : undefined;
    if (!match) throw cannotExpand(path, param);
    const child = current.fields.get(match.field) ?? { type: match.target, fields: new Map() };
    current.fields.set(match.field, child);
    current = child;
    rest = rest.slice(match.length);
  }
}

/** The longest expandable field (it may span several segments) that the remaining path starts with. */
function matchField(type: ExpandableType, segments: string[]): { field: string; target: Target; length: number } | undefined {
  const fields = EXPANDABLE_FIELDS[type];
  for (let length = segments.length; length > 0; length--) {
    const field = segments.slice(0, length).join('.');
    if (Object.hasOwn(fields, field)) return { field, target: fields[field] ?? null, length };
  }
  return undefined;
}

function cannotExpand(path: string, param: string): PayrailError {
  return new PayrailError('parameter_invalid', `This property cannot be expanded (${path}).`, { param });
}
