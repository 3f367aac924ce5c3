/**
 * The actions flows may call, by name, bound to their services at start-up (after the stores are connected). Flow
 * validation checks every `action:` against the names, which need no service.
 */
import type { Action, ActionDefinition } from './action.js';

export type ActionRegistry = ReadonlyMap<string, Action>;

export function actionNames(definitions: readonly ActionDefinition<never>[]): ReadonlySet<string> {
  return new Set(uniqueByName(definitions).map((definition) => definition.name));
}

export function bindActions<Services>(
  definitions: readonly ActionDefinition<Services>[],
  services: Services,
): ActionRegistry {
  return new Map(
    uniqueByName(definitions).map((definition) => [
      definition.name,
      { name: definition.name, description: definition.description, run: definition.create(services) },
    ]),
  );
}

function uniqueByName<T extends { name: string }>(definitions: readonly T[]): T[] {
  const seen = new Set<string>();
  for (const { name } of definitions) {
    if (seen.has(name)) throw new Error(`action '${name}' is registered twice`);
    seen.add(name);
  }
  return [...definitions];
}
