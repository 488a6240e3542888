/** An id as an error message may show it: anything shaped like a card number is not echoed. */
export function shownId(id: unknown): string {
  if (typeof id !== 'string') return '';
  return /\d(?:[ -]?\d){11,}/.test(id) ? '[redacted]' : id;
}
