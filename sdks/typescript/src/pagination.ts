/** A page of any list endpoint: `{object: "list", data, has_more}`. */
export interface ListPage<T> {
  data: T[];
  has_more: boolean;
}

/**
 * Every item of a list, page after page, by `starting_after` the last id seen: works with any generated
 * `get…` list method, e.g. `paginate((p) => payrail.paymentIntents.getPaymentIntents(p), { limit: 100 })`.
 */
export async function* paginate<P extends object, T extends { id: string }>(
  list: (params: P & { startingAfter?: string }) => Promise<ListPage<T>>,
  params: P & { startingAfter?: string },
): AsyncGenerator<T, void, undefined> {
  let cursor = params.startingAfter;
  for (;;) {
    const page = await list({ ...params, startingAfter: cursor });
    for (const item of page.data) yield item;
    const last = page.data.at(-1);
    if (!page.has_more || last === undefined) return;
    cursor = last.id;
  }
}
