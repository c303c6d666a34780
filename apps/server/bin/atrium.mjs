#!/usr/bin/env node
// The `atrium` command. Runs the TypeScript sources directly: tsx compiles them in-process and
// the resolve hook points workspace packages at their sources.
import { register } from 'node:module';

register('./source-condition.mjs', import.meta.url);
const { register: registerTsx } = await import('tsx/esm/api');
registerTsx();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
