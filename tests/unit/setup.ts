/**
 * Runs before every unit test file. Testing Library's waits (findBy..., waitFor) give up after
 * 1 s by default, which a loaded 2-core machine can miss while the condition is still coming;
 * they still fail when it never comes. Only files that run in a DOM load it.
 */
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 10_000 });
}

export {};
