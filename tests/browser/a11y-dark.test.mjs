// Accessibility gate in the dark colour scheme (prefers-color-scheme: dark): the same
// tests as a11y.test.mjs, from lib/a11y.mjs.
import { a11yTests } from './lib/a11y.mjs';

a11yTests('dark');
