import { type Static, type TSchema, Type } from '@sinclair/typebox';

/** Opaque identifier (UUIDv7 underneath; clients must not rely on that). */
export const Id = Type.String({ format: 'uuid' });

export const Timestamp = Type.String({ format: 'date-time' });

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$' });

/** A BCP-47 language tag such as `en`, `zh-Hans`, `pt-BR`. */
export const LanguageTag = Type.String({
  pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
  maxLength: 35,
});

export const ListQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ListQuery = Static<typeof ListQuery>;

/** `{ items, nextCursor }`: every list in the API has this shape. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  });
