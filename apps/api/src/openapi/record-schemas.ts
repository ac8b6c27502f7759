import { recordSchemas, type JsonSchema } from '@jobgate/contracts';

/*
 * Schemas of what the API answers: the record schemas of @jobgate/contracts, which the record types
 * are derived from; request bodies come from the DTOs themselves (contractSchemas).
 */

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

export const RECORD_SCHEMAS: Record<string, JsonSchema> = recordSchemas();
