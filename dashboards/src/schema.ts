// The type a dashboard's JSON must have: Grafana's own Dashboard type from @grafana/schema, read as JSON reads it.
// The tests type-check each committed dashboard against it with `tsc --strict`:
//   import type { DashboardJson } from '.../dashboards/src/schema';
//   export const dash: DashboardJson = <the dashboard's JSON text>;
// An object literal is checked for unknown keys and each value for its type, so a misspelt key, a wrong type or an
// unknown variable type fails. (Importing the .json file instead would check nothing of the sort: a JSON import's
// strings widen to `string` and its objects are not checked for unknown keys.)
import type { Dashboard } from '@grafana/schema';

/**
 * `T` as JSON has it. The one difference to `T` itself: a TypeScript string enum (ThresholdsMode, MappingType,
 * FieldColorModeId, ...) accepts only its own members, never the string they stand for, while in JSON a member is
 * its string ("absolute", "value", "thresholds"). So each string enum becomes the union of its members' strings;
 * every other type, and which keys an object may have, stays as Grafana publishes it.
 */
export type AsJson<T> = T extends string
  ? `${T}`
  : T extends readonly (infer Item)[]
    ? AsJson<Item>[]
    : T extends object
      ? { [Key in keyof T]: AsJson<T[Key]> }
      : T;

export type DashboardJson = AsJson<Dashboard>;
