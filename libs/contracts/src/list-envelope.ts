import { Type, type Static, type TSchema, type TString } from '@sinclair/typebox';
import { Nullable } from './wire-types';

/** A page of a cursor-paged list (`GET /v1/jobs`, `GET /v1/sweeps`), newest first. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    next_cursor: Nullable(Type.String(), { description: 'pass as ?cursor= for the next page; null on the last' }),
  });
}

/** A whole list in one answer (a job's events, attempts and deliveries). */
export interface ItemList<T> {
  items: T[];
}

export function ItemListSchema<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item) });
}

// The generic types are written out (a type cannot take a schema as parameter); these fail to
// compile when one parts from its schema.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type PageMatchesSchema = Holds<Same<Page<string>, Static<ReturnType<typeof PageSchema<TString>>>>>;
type ItemListMatchesSchema = Holds<Same<ItemList<string>, Static<ReturnType<typeof ItemListSchema<TString>>>>>;
