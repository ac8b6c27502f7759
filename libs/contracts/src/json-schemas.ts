import { ValidationTypes } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { CreateJobRequestDto } from './create-job-request.dto';
import { ReportMetricsRequestDto } from './job-metrics.dto';
import { RerunRequestDto } from './rerun-request.dto';
import { SCHEMA_REF_PREFIX, type JsonSchema, type SchemaHint } from './schema-hint';
import { CreateSweepRequestDto } from './sweep-request.dto';
import { CreateApiKeyRequestDto, CreateTeamRequestDto, UpdateTeamRequestDto } from './team-request.dto';

/** The request bodies jobgate publishes; every DTO they nest is included. */
const ROOT_DTOS = [
  CreateJobRequestDto,
  CreateSweepRequestDto,
  ReportMetricsRequestDto,
  RerunRequestDto,
  CreateTeamRequestDto,
  UpdateTeamRequestDto,
  CreateApiKeyRequestDto,
];

// A converter cannot touch the owner's `required` list, so it marks the field and finish() moves the mark.
const REQUIRED_MARK = 'x-jobgate-required';

/**
 * JSON Schemas of the request DTOs, keyed by class name, generated from the class-validator metadata
 * that validates requests (class-validator-jsonschema), so a field added to a DTO appears here.
 * Every `@Check` contributes its schema hint; cross-field rules have none and stay in the prose.
 * Objects refuse unknown fields, as validation does.
 */
export function contractSchemas(): Record<string, JsonSchema> {
  const generated = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_REF_PREFIX,
    additionalConverters: {
      [ValidationTypes.CUSTOM_VALIDATION]: (meta) => fromHint((meta.context as { hint?: SchemaHint } | undefined)?.hint),
      // Nested DTOs get their $ref from the NestedObject/NestedArray hints, which know the class.
      [ValidationTypes.NESTED_VALIDATION]: {},
    },
  }) as Record<string, JsonSchema>;
  const names = reachable(
    generated,
    ROOT_DTOS.map((cls) => cls.name),
  );
  return Object.fromEntries(names.map((name) => [name, finish(generated[name]!)]));
}

function fromHint(hint: SchemaHint | undefined): JsonSchema {
  const schema = typeof hint?.schema === 'function' ? hint.schema() : (hint?.schema ?? {});
  return hint?.required ? { ...schema, [REQUIRED_MARK]: true } : schema;
}

/** `required` from the marks (the generator would call every field without @IsOptional required). */
function finish(schema: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, property] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
    const { [REQUIRED_MARK]: mark, ...rest } = property;
    if (mark) required.push(name);
    properties[name] = rest;
  }
  const described = schema.description === undefined ? {} : { description: schema.description };
  return { type: 'object', ...described, properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

/** Schema names reachable from the roots through $refs: the DTOs of other packages stay out. */
function reachable(schemas: Record<string, JsonSchema>, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !schemas[name]) return;
    seen.add(name);
    for (const match of JSON.stringify(schemas[name]).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) visit(match[1]!);
  };
  roots.forEach(visit);
  return [...seen];
}
