// Starts Sporbar: migrate, load the demo data into an empty database, serve API and UI on one port.
import { serve } from '@hono/node-server';
import { demoUsersExist } from './auth/auth.service.js';
import { loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { createApp } from './http/app.js';
import { loadDemoDataIfEmpty } from '../fixtures/demo.js';

export async function startServer(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const { db, sqlite, auditKeyCreated } = openDatabase(config.dbFile, { cacheMb: config.dbCacheMb, auditKey: config.auditKey });
  if (auditKeyCreated) console.log(`Nøgle til revisionssporet oprettet: ${auditKeyCreated} — tag en sikkerhedskopi af den, adskilt fra databasen (se README).`);
  await migrateToLatest(db);
  if (config.loadDemo) {
    const loaded = await loadDemoDataIfEmpty(db);
    if (loaded) console.log(`Demodata indlæst: ${loaded.solutions} løsninger, ${loaded.requirements} krav, ${loaded.versions} lovversioner, ${loaded.links} sporingslinks`);
  }
  if (config.production && (await demoUsersExist(db))) {
    sqlite.close();
    throw new Error('Sporbar starter ikke i produktion (NODE_ENV=production), så længe demobrugerne findes. Deaktivér dem (admin-siden) eller brug en ny database med SPORBAR_DEMO=0.');
  }
  const demoLogin = await demoUsersExist(db);
  const app = createApp({ db, clientDir: config.clientDir, responseCache: config.responseCache, trustedProxies: config.trustedProxies });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Sporbar kører på http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}/  (database: ${config.dbFile})`);
    if (demoLogin) console.log('Demobrugere: admin, kravredaktoer, projektleder, faggruppe, styregruppe, leverandoer, kommune, lovovervaagning, laeser — adgangskode "demo"');
  });
  const stop = () => {
    server.close(() => {
      sqlite.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

try {
  await startServer();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
