import type { Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject } from '@nestjs/swagger';
import { InProcessBroker } from '@payrail/messaging';
import { ApiGatewayModule, type EdgeOptions } from '../api-gateway.module.js';
import { ERROR_ENVELOPE, ERROR_ENVELOPE_SCHEMA, ERROR_RESPONSES, errorResponses } from './error-responses.js';
import pluginMetadata from './metadata.js';
import { acceptFormBodies, bracketQueryParameters, HTTP_METHODS, operationIdFor, sortKeys } from './openapi-conventions.js';
import { API_DESCRIPTION } from './api-description.js';
import { documentClientSideView, documentExpandableFields } from './response-variants.js';
import { documentIntegerFields } from './integer-fields.js';
import { documentValidatedIntegerQueryParameters, documentValidatedIntegers, queryDtosOf } from './validated-integers.js';
import { routePolicyOf } from './route-policy.js';
import { SECURITY_SCHEMES } from './security-schemes.js';

/**
 * The edge in preview mode: Nest scans its modules and routes but instantiates nothing, so nothing connects
 * to a broker or a database and these settings are never read.
 */
const SCAN_ONLY: EdgeOptions = {
  broker: new InProcessBroker(),
  databaseUrl: 'postgres://scan-only.invalid/payrail',
  secretsKey: 'scan-only: never used to seal anything'.padEnd(32, '.'),
  revocationPollMs: 1_000,
  idempotencyLeaseSeconds: 30,
  trustProxy: false,
  streamLimits: { heartbeatMs: 1_000, maxBufferedBytes: 1_000 },
  rateLimits: [],
  requestLogRetentionDays: 30,
  // Operators' /metrics is not part of the API integrators call.
  metricsEndpoint: false,
};

/** The API reference, generated from the edge's controllers and DTOs (and the plugin metadata read from their source). */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(ApiGatewayModule.forRoot(SCAN_ONLY), { preview: true, logger: false });
  try {
    const metadata = await pluginMetadata();
    await SwaggerModule.loadPluginMetadata(async () => typeNullOnlyProperties(metadata));
    const config = new DocumentBuilder().setTitle('Payrail API').setVersion('1.0.0').setDescription(API_DESCRIPTION).build();
    const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller}.${method}` });
    describeOperations(document, controllersOf(app.get(ModulesContainer)));
    documentIntegerFields(document);
    documentValidatedIntegers(document, await modelClassesOf(metadata));
    documentExpandableFields(document);
    documentClientSideView(document);
    document.components = {
      ...document.components,
      securitySchemes: SECURITY_SCHEMES,
      responses: ERROR_RESPONSES,
      schemas: { ...document.components?.schemas, [ERROR_ENVELOPE]: ERROR_ENVELOPE_SCHEMA },
    };
    return sortKeys(document) as OpenAPIObject;
  } finally {
    await app.close();
  }
}

interface PropertyMetadata {
  type?: unknown;
  enum?: unknown;
  oneOf?: unknown;
  nullable?: boolean;
}
interface PluginMetadata {
  '@nestjs/swagger': { models: readonly (readonly unknown[])[] };
}

/** The DTO and resource classes the plugin read, each from the module its metadata entry imports. */
async function modelClassesOf(metadata: PluginMetadata): Promise<Type[]> {
  const classes: Type[] = [];
  for (const [module, models] of metadata['@nestjs/swagger'].models) {
    const exports = (await module) as Record<string, unknown>;
    for (const name of Object.keys(models as object)) {
      const exported = exports[name];
      if (typeof exported === 'function') classes.push(exported as Type);
    }
  }
  return classes;
}

/**
 * Properties typed `null` (Stripe's fields Payrail never fills, e.g. a card's `wallet`) reach the metadata without
 * a type, which @nestjs/swagger cannot resolve: they are documented as a nullable object, all they can be.
 */
function typeNullOnlyProperties<T extends PluginMetadata>(metadata: T): T {
  for (const [, classes] of metadata['@nestjs/swagger'].models) {
    Object.values(classes as Record<string, Record<string, PropertyMetadata>>).forEach(typeProperties);
  }
  return metadata;
}

function typeProperties(properties: Record<string, PropertyMetadata>): void {
  for (const property of Object.values(properties)) {
    if (property.type === undefined && property.enum === undefined && property.oneOf === undefined) {
      Object.assign(property, { type: () => Object, nullable: true });
    } else if (typeof property.type === 'function' && !isClass(property.type)) {
      // An inline object type (`invoice_settings: {…}`): the plugin gives its properties through a thunk.
      const inline: unknown = property.type();
      if (isPlainObject(inline)) {
        typeProperties(inline as Record<string, PropertyMetadata>);
        // Through an object literal: @nestjs/swagger tells a lazy type by its function name, `type`.
        Object.assign(property, { type: () => inline });
      }
    }
  }
}

const isClass = (value: object): boolean => Object.getOwnPropertyNames(value).includes('prototype');
const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

function controllersOf(modules: ModulesContainer): Map<string, Type> {
  const controllers = new Map<string, Type>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      if (wrapper.metatype) controllers.set(wrapper.metatype.name, wrapper.metatype as Type);
    }
  }
  return controllers;
}

/** Per operation: Stripe-style id, who may call it (from the route's decorators), the errors it answers, form bodies. */
function describeOperations(document: OpenAPIObject, controllers: Map<string, Type>): void {
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const [controllerName, handlerName] = (operation.operationId ?? '').split('.');
      const controller = controllers.get(controllerName);
      const handler: unknown = controller?.prototype[handlerName];
      if (!controller || typeof handler !== 'function') throw new Error(`No handler found for ${method.toUpperCase()} ${path}`);
      const policy = routePolicyOf(controller, handler as (...args: never[]) => unknown);
      operation.operationId = operationIdFor(method, path);
      if (ids.has(operation.operationId)) throw new Error(`Two operations would be named ${operation.operationId}`);
      ids.add(operation.operationId);
      operation.security = policy.security;
      if (!policy.isPublic && policy.answersStripeErrors) operation.responses = { ...errorResponses(method), ...operation.responses };
      documentValidatedIntegerQueryParameters(operation, queryDtosOf(controller, handlerName));
      acceptFormBodies(document, operation);
      bracketQueryParameters(document, operation);
    }
  }
}
