/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = Record<string, unknown>;

/** Where the OpenAPI document keeps the DTO schemas; nested DTOs point there by class name. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/**
 * What a `@Check` means in JSON Schema terms. Checks are functions, which class-validator-jsonschema
 * cannot read, so each field decorator states its rule a second time as data, next to the function
 * (json-schemas.ts turns the hints into the published schemas).
 */
export interface SchemaHint {
  /** Keywords of the field's schema (type, pattern, maxLength, enum…); lazy where it names a DTO class. */
  schema?: JsonSchema | (() => JsonSchema);
  /** The field must be present: it goes into the owner's `required` list. */
  required?: boolean;
}

/** `{ $ref }` to a DTO's schema; takes a thunk because decorators run before later classes exist. */
export function schemaRef(cls: () => new () => object): () => JsonSchema {
  return () => ({ $ref: `${SCHEMA_REF_PREFIX}${cls().name}` });
}
