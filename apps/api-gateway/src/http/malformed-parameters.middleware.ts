import type { NextFunction, Request, Response } from 'express';
import { PayrailError } from '@payrail/errors';
import { MAX_PARAMETER_DEPTH } from './parameter-limits.js';
import { refuseBeforeRouting } from './refuse-before-routing.js';

const NUL = '\u0000';
/** A UTF-16 surrogate without its pair (`"\ud800"` in JSON): not Unicode text, so no database can store it as such. */
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

export type ParameterDefect = 'nul_character' | 'lone_surrogate' | 'too_deep';

/** What is wrong, and where: `param` in Stripe's bracket notation, absent for the path. */
export interface MalformedParameter {
  defect: ParameterDefect;
  param?: string;
}

/**
 * The first parameter of the path, query or body that no service could take, or null: one holding a
 * NUL character (Postgres text cannot), a lone surrogate (Postgres json refuses it, text would turn it
 * into U+FFFD), or one nested deeper than MAX_PARAMETER_DEPTH. The walk uses its own stack, so a body
 * nested 60,000 levels deep costs it MAX_PARAMETER_DEPTH steps, not the call stack.
 */
export function findMalformedParameter(req: { path: string; query: unknown; body: unknown }): MalformedParameter | null {
  if (/%00/i.test(req.path) || req.path.includes(NUL)) return { defect: 'nul_character' };
  return findIn(req.query) ?? findIn(req.body);
}

interface Pending {
  value: unknown;
  /** The key that holds `value` in its parent, checked when the walk reaches it so that findings come in document order. */
  key?: string;
  path: string;
  topLevel: string;
  depth: number;
}

function findIn(root: unknown): MalformedParameter | null {
  const pending: Pending[] = [{ value: root, path: '', topLevel: '', depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, key, path, topLevel, depth } = next;
    const keyDefect = key === undefined ? null : characterDefect(key);
    if (keyDefect) return { defect: keyDefect, param: path };
    if (typeof value === 'string') {
      const defect = characterDefect(value);
      if (defect) return path ? { defect, param: path } : { defect };
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_PARAMETER_DEPTH) return { defect: 'too_deep', param: topLevel };
    const entries = Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [childKey, child] = entries[index];
      const name = printable(childKey);
      pending.push({ value: child, key: childKey, path: path ? `${path}[${name}]` : name, topLevel: topLevel || name, depth: depth + 1 });
    }
  }
  return null;
}

function characterDefect(text: string): ParameterDefect | null {
  if (text.includes(NUL)) return 'nul_character';
  return LONE_SURROGATE.test(text) ? 'lone_surrogate' : null;
}

/** A parameter name as it can be shown in an error: the characters it is refused for, escaped. */
function printable(name: string): string {
  return name.replaceAll(NUL, '\\u0000').replace(LONE_SURROGATES, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);
}

const PROBLEMS: Record<ParameterDefect, string> = {
  nul_character: 'Parameters cannot contain the NUL character (\\u0000).',
  lone_surrogate: 'Parameters must be valid Unicode text: a UTF-16 surrogate (\\ud800-\\udfff) cannot stand without its pair.',
  too_deep: `Parameters cannot be nested more than ${MAX_PARAMETER_DEPTH} levels deep.`,
};

/**
 * Refuses a request with a parameter no service could take with a 400, before it is authenticated and
 * before it reaches a service whose database would otherwise fail on it (a 500), in the error body of the
 * surface the request is for (OAuth's format on the OAuth endpoints, a document's own on its surface).
 */
export function refuseMalformedParameters(req: Request, res: Response, next: NextFunction): void {
  const found = findMalformedParameter(req);
  if (!found) return next();
  const problem = PROBLEMS[found.defect];
  const message = found.param ? `Invalid ${found.param}: ${problem[0].toLowerCase()}${problem.slice(1)}` : problem;
  refuseBeforeRouting(req, res, new PayrailError('parameter_invalid', message, { param: found.param }));
}
