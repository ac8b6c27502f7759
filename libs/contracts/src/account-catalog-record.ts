import { Type, type Static, type TSchema, type TString } from '@sinclair/typebox';
import { IsoTime, Nullable } from './wire-types';

/** A training flavor of the ModelArts account (`GET /v1/modelarts/specs`): what `config.spec_id` may name. */
export const ResourceSpecRecordSchema = Type.Object({
  spec_id: Type.String(),
  spec_code: Type.String({ description: 'e.g. modelarts.vm.cpu.2u' }),
  core: Nullable(Type.String({ description: 'vCPUs' })),
  cpu: Nullable(Type.String({ description: 'memory size' })),
  gpu_num: Nullable(Type.Integer()),
  gpu_type: Nullable(Type.String()),
  max_num: Nullable(Type.Integer({ description: 'the most workers (config.worker_server_num) a job of this flavor may have' })),
  storage: Nullable(Type.String()),
  no_resource: Type.Boolean({ description: 'true while the flavor has no capacity' }),
});
export type ResourceSpecRecord = Static<typeof ResourceSpecRecordSchema>;

/** An AI engine of the ModelArts account (`GET /v1/modelarts/engines`): what `config.engine_id` may name. */
export const EngineRecordSchema = Type.Object({
  engine_id: Type.String(),
  engine_name: Type.String(),
  engine_version: Nullable(Type.String()),
  engine_type: Nullable(Type.Integer()),
});
export type EngineRecord = Static<typeof EngineRecordSchema>;

/** A cached list of the account, with when jobgate last read it from ModelArts. */
export interface CatalogList<T> {
  items: T[];
  refreshed_at: string;
}

export function CatalogListSchema<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), refreshed_at: IsoTime({ description: 'when jobgate last read the list from ModelArts' }) });
}

// The generic type is written out (a type cannot take a schema as parameter); this fails to compile when the two part.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type CatalogListMatchesSchema = Holds<Same<CatalogList<string>, Static<ReturnType<typeof CatalogListSchema<TString>>>>>;
