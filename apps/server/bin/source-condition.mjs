// Module resolve hook: resolve workspace packages to their TypeScript sources (the `source`
// export condition), which tsx then compiles on the fly.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('source')
    ? context.conditions
    : ['source', ...context.conditions];
  return nextResolve(specifier, { ...context, conditions });
}
