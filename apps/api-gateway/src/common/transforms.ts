import { Transform } from 'class-transformer';

/**
 * Form-encoded bodies carry every value as a string. These turn `"2000"` into 2000 and `"true"` into
 * true while leaving anything else as it is, so that validation then reports the bad value itself.
 */
export const ToInteger = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));

export const ToBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** `a[]=x&a[]=y`, `a[0]=x`, and a lone `a=x` all become an array. */
export const ToArray = () => Transform(({ value }) => toArray(value));

/** Like `ToArray`, keeping each value once, at its first place. */
export const ToDistinctArray = () =>
  Transform(({ value }) => {
    const array = toArray(value);
    return Array.isArray(array) ? [...new Set(array)] : array;
  });

function toArray(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return value === '' ? [] : value;
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') return Object.values(value);
  return [value];
}

/** Like `ToArray`, turning each whole-number string into a number (`retry_schedule[]=60`). */
export const ToIntegerArray = () =>
  Transform(({ value }) => {
    const array = toArray(value);
    return Array.isArray(array) ? array.map((item) => (typeof item === 'string' && /^-?\d+$/.test(item) ? Number(item) : item)) : array;
  });
