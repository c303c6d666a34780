export * from './accounts.js';
export * from './common.js';
export * from './community.js';
export * from './errors.js';
export * from './route.js';
export * from './routes.js';
export * from './staff.js';
