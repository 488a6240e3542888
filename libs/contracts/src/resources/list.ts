export interface ListParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

/** Stripe's list object. */
export interface ListResource<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export type Metadata = Record<string, string>;
