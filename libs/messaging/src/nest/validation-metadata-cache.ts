import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;

const installed = new WeakSet<MetadataStorage>();

/**
 * class-validator works out a class's rules on every `validate` call — every nested object of every payload —
 * by scanning the rules of every decorated class in the process for its ancestors: a few percent of the
 * services' thread under load, for an answer that only changes when a rule is declared. This remembers the
 * answer per class and options, and forgets everything whenever a rule is declared (classes are decorated
 * when their modules load, before anything is validated, so in practice once).
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (installed.has(storage)) return;
  installed.add(storage);
  let cache = new WeakMap<object, Map<string, TargetMetadatas>>();
  const compute = storage.getTargetValidationMetadatas.bind(storage);
  const declare = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    cache = new WeakMap();
    declare(metadata);
  };
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    const key = `${targetSchema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byOptions = cache.get(targetConstructor);
    if (!byOptions) cache.set(targetConstructor, (byOptions = new Map()));
    let metadatas = byOptions.get(key);
    if (!metadatas) byOptions.set(key, (metadatas = compute(targetConstructor, targetSchema, always, strictGroups, groups)));
    return metadatas;
  };
}
