// Accessibility gate in the light colour scheme (the tests are in lib/a11y.mjs; the dark
// scheme has its own file, a11y-dark.test.mjs).
import { a11yTests } from './lib/a11y.mjs';

a11yTests('light');
