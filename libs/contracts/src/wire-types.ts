import { Type, type SchemaOptions, type Static, type TNull, type TSchema, type TUnion, type TUnsafe } from '@sinclair/typebox';
import { SCHEMA_REF_PREFIX } from './schema-hint';

/*
 * TypeBox builders for the shapes of jobgate's answers, in the JSON Schema dialect of OpenAPI 3.1.
 * Each returns a schema whose `Static` type is exactly what it describes, so a record's type and its
 * published schema come from one declaration.
 */

/** `T` or JSON `null`. */
export function Nullable<T extends TSchema>(schema: T, options: SchemaOptions = {}): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()], options);
}

/** One of `values`, as `{ type: 'string', enum }` (the form OpenAPI tools show best). */
export function StringEnum<T extends string>(values: readonly T[], options: SchemaOptions = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ ...options, type: 'string', enum: [...values] });
}

/** A JSON object of any keys whose values are all `value` (`additionalProperties`, not a key pattern). */
export function StringMap<T extends TSchema>(value: T, options: SchemaOptions = {}): TUnsafe<Record<string, Static<T>>> {
  return Type.Unsafe<Record<string, Static<T>>>({ ...options, type: 'object', additionalProperties: value });
}

/** A JSON object with exactly these `keys`, each required and holding a `value`. */
export function KeyedObject<K extends string, T extends TSchema>(keys: readonly K[], value: T, options: SchemaOptions = {}): TUnsafe<Record<K, Static<T>>> {
  const properties = Object.fromEntries(keys.map((key) => [key, value]));
  return Type.Unsafe<Record<K, Static<T>>>({ ...options, type: 'object', properties, required: [...keys] });
}

/** An ISO-8601 time as jobgate writes them (`Date.toISOString()`). */
export function IsoTime(options: SchemaOptions = {}) {
  return Type.String({ ...options, format: 'date-time' });
}

export function Uuid(options: SchemaOptions = {}) {
  return Type.String({ ...options, format: 'uuid' });
}

/**
 * `{ $ref }` to another published schema (`#/components/schemas/<name>`), typed as `schema`'s type.
 * recordSchemas() publishes every record under its name; a test checks that each reference resolves.
 */
export function ComponentRef<T extends TSchema>(name: string, _schema: T): TUnsafe<Static<T>> {
  return Type.Unsafe<Static<T>>({ $ref: `${SCHEMA_REF_PREFIX}${name}` });
}

/**
 * `{ $ref }` to a request DTO's schema (contractSchemas(), generated from its validation), typed as
 * the DTO's plain interface `T`: the record repeats what the request accepted.
 */
export function DtoRef<T>(pointer: string, options: SchemaOptions = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ ...options, $ref: `${SCHEMA_REF_PREFIX}${pointer}` });
}
