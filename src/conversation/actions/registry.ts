/**
 * The actions flows may call, by name. Flow validation checks every `action:` against this list at start-up.
 */
import type { Action } from './action.js';
import { optIn, optOut } from './consent-actions.js';
import { setLanguage } from './language-actions.js';

export type ActionRegistry = ReadonlyMap<string, Action>;

export function createActionRegistry(extra: readonly Action[] = []): ActionRegistry {
  const registry = new Map<string, Action>();
  for (const action of [setLanguage, optOut, optIn, ...extra]) {
    if (registry.has(action.name)) throw new Error(`action '${action.name}' is registered twice`);
    registry.set(action.name, action);
  }
  return registry;
}

export function registeredActionNames(): string[] {
  return [...createActionRegistry().keys()];
}
