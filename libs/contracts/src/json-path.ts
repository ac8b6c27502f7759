/** One step of a JSON path: a property name or an array index. */
export type PathSegment = string | number;

// Names that read unambiguously after a dot; anything else (label keys such as `app.kubernetes.io`)
// is quoted in brackets so the path can be split back into its segments.
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Appends one segment: `config` + `parameter` → `config.parameter`, + 1 → `config.parameter[1]`. */
export function joinPath(base: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  if (!PLAIN_NAME.test(segment)) return `${base}[${JSON.stringify(segment)}]`;
  return base === '' ? segment : `${base}.${segment}`;
}

export function joinPaths(base: string, segments: readonly PathSegment[]): string {
  return segments.reduce<string>(joinPath, base);
}

/** A plain object as JSON.parse makes it: not null, not an array, not a Date or other class instance. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // Compared by shape, not by identity with Object.prototype, so objects from another realm (a vm
  // context, a jest module registry) still count.
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * An object after class-transformer turned it into a DTO instance, or a plain object: anything a
 * nested DTO can be read from. Arrays and primitives are not.
 */
export function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
