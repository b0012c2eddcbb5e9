export { SIGV4_ALGORITHM } from './constants.js';
