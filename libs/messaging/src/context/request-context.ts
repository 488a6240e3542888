import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  idempotencyKey?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request id follows a request from the edge through every service it reaches, and into its events. */
export const requestContext = {
  run<T>(context: RequestContext, work: () => T): T {
    return storage.run(context, work);
  },
  /** `run` in a context captured earlier (`current()`), or as it is when none was. */
  runIn<T>(context: RequestContext | undefined, work: () => T): T {
    return context ? storage.run(context, work) : work();
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
