export * from './event-envelope.js';
export * from './topic-map.js';
export * from './event-catalogue.js';
