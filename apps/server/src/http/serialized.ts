/**
 * A response body already serialized as JSON, for the few hot lists assembled from cached
 * fragments (see `NoteJsonCache`). The fragments come from the contract's own schema through
 * the same serializer Fastify uses, so the bytes are those Fastify would have sent; `T` names the
 * shape for the route's type check.
 */
export class SerializedJson<T> {
  declare readonly shape: T;
  constructor(readonly bytes: Buffer) {}
}
