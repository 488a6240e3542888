import { Injectable } from '@nestjs/common';
import { Patterns, type Caller, type ExpandParams, type ListResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { toChargeResource } from '../charges/charge.mapper.js';
import { ChargesRepository } from '../charges/charges.repository.js';
import { toCustomerResource, toDeletedCustomerResource } from '../customers/customer.mapper.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { toPaymentIntentResource } from '../payment-intents/payment-intent.mapper.js';
import { PaymentIntentsRepository } from '../payment-intents/payment-intents.repository.js';
import { PaymentLinks } from '../payment-intents/payment-links.js';
import { toPaymentMethodResource } from '../payment-methods/payment-method.mapper.js';
import { PaymentMethodsRepository } from '../payment-methods/payment-methods.repository.js';
import { parseExpand, type ExpandableType, type ExpandTree } from './expand-paths.js';

type Json = Record<string, unknown>;

/**
 * Replaces ids by the objects they name, as the caller sees them (same merchant and mode), following an
 * already-checked expand tree. A null field stays null; an id that no longer resolves stays an id.
 */
@Injectable()
export class ResourceExpander {
  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly charges: ChargesRepository,
    private readonly customers: CustomersRepository,
    private readonly paymentMethods: PaymentMethodsRepository,
    private readonly links: PaymentLinks,
    private readonly client: MessageClient,
  ) {}

  /** Checks `expand` first (a bad path changes nothing), runs the command without it, then expands its reply. */
  async around<P extends ExpandParams, T extends object>(caller: Caller, type: ExpandableType, params: P, run: (params: Omit<P, 'expand'>) => Promise<T>): Promise<T> {
    const { expand, ...rest } = params;
    const tree = parseExpand(type, expand);
    return this.expand(caller, tree, await run(rest));
  }

  /** The same for a list: each path starts with `data.` and applies to every item. */
  async aroundList<P extends ExpandParams, T extends object>(
    caller: Caller,
    type: ExpandableType,
    params: P,
    run: (params: Omit<P, 'expand'>) => Promise<ListResource<T>>,
  ): Promise<ListResource<T>> {
    const { expand, ...rest } = params;
    const tree = parseExpand(type, expand, { list: true });
    return this.expandList(caller, tree, await run(rest));
  }

  async expand<T extends object>(caller: Caller, tree: ExpandTree, resource: T): Promise<T> {
    if (tree.fields.size === 0) return resource;
    return (await this.expandObject(caller, tree, resource as Json, new Map())) as T;
  }

  async expandList<T extends object>(caller: Caller, tree: ExpandTree, list: ListResource<T>): Promise<ListResource<T>> {
    if (tree.fields.size === 0) return list;
    const loaded = new Map<string, Promise<Json | null>>();
    const data = await Promise.all(list.data.map((item) => this.expandObject(caller, tree, item as Json, loaded)));
    return { ...list, data: data as T[] };
  }

  private async expandObject(caller: Caller, tree: ExpandTree, resource: Json, loaded: Map<string, Promise<Json | null>>): Promise<Json> {
    let result = resource;
    for (const [field, child] of tree.fields) {
      const value = readPath(result, field);
      if (value === undefined) continue;
      let expanded: unknown = value;
      if (typeof value === 'string' && child.type) {
        const object = await this.cachedLoad(caller, child.type, value, loaded);
        expanded = object ? await this.expandObject(caller, child, object, loaded) : value;
      } else if (value !== null && typeof value === 'object') {
        expanded = await this.expandObject(caller, child, value as Json, loaded);
      }
      result = writePath(result, field, expanded);
    }
    return result;
  }

  private cachedLoad(caller: Caller, type: ExpandableType, id: string, loaded: Map<string, Promise<Json | null>>): Promise<Json | null> {
    const key = `${type}:${id}`;
    let load = loaded.get(key);
    if (!load) {
      load = this.load(caller, type, id);
      loaded.set(key, load);
    }
    return load;
  }

  private async load(caller: Caller, type: ExpandableType, id: string): Promise<Json | null> {
    switch (type) {
      case 'payment_intent': {
        const entity = await this.intents.findOwned(caller, id);
        return entity ? { ...toPaymentIntentResource(entity) } : null;
      }
      case 'charge': {
        const entity = await this.charges.findOwned(caller, id);
        return entity ? { ...toChargeResource(entity, this.links) } : null;
      }
      case 'customer': {
        const entity = await this.customers.findOwned(caller, id, { includeDeleted: true });
        if (!entity) return null;
        return { ...(entity.deletedAt ? toDeletedCustomerResource(entity.id) : toCustomerResource(entity)) };
      }
      case 'payment_method': {
        const entity = await this.paymentMethods.findOwned(caller, id);
        return entity ? { ...toPaymentMethodResource(entity) } : null;
      }
      case 'balance_transaction':
        // The ledger's: not there yet (it books the charge from its event) leaves the id, as for any id that does not resolve.
        return this.client.send(Patterns.BalanceTransactionRetrieve, { caller, params: { id } }).then(
          (transaction) => ({ ...transaction }),
          () => null,
        );
    }
  }
}

function readPath(resource: Json, path: string): unknown {
  let value: unknown = resource;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Json)[key];
  }
  return value;
}

/** A copy of `resource` with the value at the dotted path replaced; the path's parents are copied, not mutated. */
function writePath(resource: Json, path: string, value: unknown): Json {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...resource, [key]: value };
  const parent = resource[key];
  if (parent === null || typeof parent !== 'object') return resource;
  return { ...resource, [key]: writePath(parent as Json, rest.join('.'), value) };
}
