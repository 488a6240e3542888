import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { PATTERN_HANDLER_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { PatternHandler } from '@nestjs/microservices/enums/pattern-handler.enum.js';
import { Patterns, type ServiceName } from '@payrail/contracts';
import { InProcessBroker, type ServiceRuntime } from '@payrail/messaging';
import { AuthModule } from '../../auth/src/auth.module.js';
import { GatewayConnectorsModule } from '../../gateway-connectors/src/gateway-connectors.module.js';
import { PaymentsModule } from '../../payments/src/payments.module.js';
import { RefundsModule } from '../../refunds/src/refunds.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { WebhookDispatchModule } from '../../webhook-dispatch/src/webhook-dispatch.module.js';

/**
 * The message handlers as the code declares them, read from Nest's metadata: a pattern nobody answers
 * is a 15 s timeout at run time, and a payload typed by an interface is validated by nothing.
 */
const broker = new InProcessBroker();
const runtime: ServiceRuntime = {
  broker,
  databaseUrl: 'postgres://unused',
  env: {
    PAYRAIL_CARD_FINGERPRINT_KEY: 'wiring-spec-card-key-0123456789abcdef',
    PAYRAIL_API_KEY_PEPPER: 'wiring-spec-pepper-0123456789abcdef',
    PAYRAIL_SECRETS_KEY: 'wiring-spec-secrets-0123456789abcdef',
  },
};
const SERVICE_MODULES: ReadonlyArray<[ServiceName, DynamicModule]> = [
  ['auth', AuthModule.forRoot(runtime)],
  ['gateway-connectors', GatewayConnectorsModule.forRoot(runtime)],
  ['payments', PaymentsModule.forRoot(runtime)],
  ['refunds', RefundsModule.forRoot(runtime)],
  ['ledger', LedgerModule.forRoot(runtime)],
  ['webhook-dispatch', WebhookDispatchModule.forRoot(runtime)],
];

interface MessageHandler {
  service: ServiceName;
  name: string;
  pattern: string;
  parameterTypes: unknown[];
}

/** Not classes a payload can be validated as. */
const NOT_PAYLOAD_CLASSES = new Set<unknown>([Object, String, Number, Boolean, Array, Function, undefined]);

function controllersOf(module: DynamicModule | Type<unknown>, seen = new Set<unknown>()): Type<unknown>[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const dynamic = 'module' in module ? module : undefined;
  const moduleClass = dynamic?.module ?? (module as Type<unknown>);
  const controllers: Type<unknown>[] = [...(Reflect.getMetadata('controllers', moduleClass) ?? []), ...(dynamic?.controllers ?? [])];
  const imports: unknown[] = [...(Reflect.getMetadata('imports', moduleClass) ?? []), ...(dynamic?.imports ?? [])];
  for (const imported of imports) {
    if (typeof imported === 'function' || (typeof imported === 'object' && imported !== null && 'module' in imported)) {
      controllers.push(...controllersOf(imported as DynamicModule, seen));
    }
  }
  return controllers;
}

function messageHandlersOf(service: ServiceName, controller: Type<unknown>): MessageHandler[] {
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((method) => {
    const handler = prototype[method];
    if (method === 'constructor' || typeof handler !== 'function') return [];
    if (Reflect.getMetadata(PATTERN_HANDLER_METADATA, handler) !== PatternHandler.MESSAGE) return [];
    const patterns = [Reflect.getMetadata(PATTERN_METADATA, handler)].flat() as string[];
    const parameterTypes = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as unknown[];
    return patterns.map((pattern) => ({ service, name: `${controller.name}.${method}`, pattern, parameterTypes }));
  });
}

const handlers = SERVICE_MODULES.flatMap(([service, module]) => controllersOf(module).flatMap((controller) => messageHandlersOf(service, controller)));

afterAll(() => broker.close());

describe('message handler wiring', () => {
  it('finds the handlers of every backend service', () => {
    expect(new Set(handlers.map((handler) => handler.service))).toEqual(new Set(SERVICE_MODULES.map(([service]) => service)));
  });

  it.each(handlers.map((handler) => [handler.name, handler] as const))('%s takes one payload, typed by a class', (_name, handler) => {
    expect(handler.parameterTypes).toHaveLength(1);
    const [payloadType] = handler.parameterTypes;
    expect(NOT_PAYLOAD_CLASSES.has(payloadType)).toBe(false);
    expect(typeof payloadType).toBe('function');
  });

  it('answers every pattern in Patterns with exactly one handler across the services', () => {
    const handlersPerPattern = new Map<string, string[]>();
    for (const handler of handlers) handlersPerPattern.set(handler.pattern, [...(handlersPerPattern.get(handler.pattern) ?? []), `${handler.service}:${handler.name}`]);
    const wrong = Object.values(Patterns)
      .map((pattern) => ({ pattern, handlers: handlersPerPattern.get(pattern) ?? [] }))
      .filter((entry) => entry.handlers.length !== 1);
    expect(wrong).toEqual([]);
  });

  it('answers no pattern that is not in Patterns', () => {
    const known = new Set<string>(Object.values(Patterns));
    expect(handlers.filter((handler) => !known.has(handler.pattern)).map((handler) => handler.pattern)).toEqual([]);
  });
});
