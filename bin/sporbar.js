#!/usr/bin/env node
// The `sporbar` command: runs the TypeScript CLI through tsx, so `npx sporbar …` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
