import { startEarlyRequests } from './earlyRequests.js';

// main.tsx imports this first, so these requests leave before React and the app's own code are
// evaluated (a module's body runs only after everything it imports).
startEarlyRequests(window.location.pathname);
