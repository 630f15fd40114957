import { describe, expect, it } from 'vitest';
import { parseMakefile } from '../../plugins/doc-checks/source/makefile';
import { didYouMean, editDistance, nearest } from '../../plugins/doc-checks/nearest';

describe('parseMakefile', () => {
  it('reads targets the way make reads rule lines', () => {
    const text = [
      'IMAGE ?= rds:dev', // 1
      'LDFLAGS := -s -w \\', // 2
      '\t-X main.v=1', // 3: continuation of the assignment, not a recipe
      'OUT = $(BIN)/x:y', // 4: `=` comes first: an assignment
      '.PHONY: all lint \\', // 5
      '  phony-only', // 6
      'all: build', // 7
      '\t@echo not-a-target: here', // 8: a recipe line
      'build test: deps ; @echo inline', // 9: two targets, inline recipe
      'ifeq ($(GOOS),linux)', // 10
      'linux-only:: ', // 11: double-colon rule inside a conditional
      'else', // 12
      'other-os:', // 13
      'endif', // 14
      'define HELP', // 15
      'fake-target: in a define body', // 16
      'endef', // 17
      '$(BUILD_DIR)/bin: main.go', // 18: named through a variable
      '%.o: %.c', // 19: a pattern rule
      'deps: export GOFLAGS = -mod=mod', // 20: target-specific variable
      'override CFLAGS += -O2', // 21
      'lint: # a comment: with a colon', // 22: already declared on line 5
      'include other.mk', // 23
    ].join('\n');
    const { targets, variables } = parseMakefile(text);
    expect(targets).toEqual([
      { name: 'all', line: 5 },
      { name: 'lint', line: 5 },
      { name: 'phony-only', line: 5 },
      { name: 'build', line: 9 },
      { name: 'test', line: 9 },
      { name: 'linux-only', line: 11 },
      { name: 'other-os', line: 13 },
      { name: 'deps', line: 20 },
    ]);
    expect(Object.fromEntries(variables)).toEqual({
      IMAGE: 'rds:dev',
      LDFLAGS: '-s -w  -X main.v=1',
      OUT: '$(BIN)/x:y',
      CFLAGS: '-O2',
    });
  });

  it('keeps the first of repeated `?=` and appends `+=`', () => {
    const { variables } = parseMakefile('A = 1\nA ?= 2\nA += 3\nB ?= x\n');
    expect(variables.get('A')).toBe('1 3');
    expect(variables.get('B')).toBe('x');
  });

  it('reads a long continued line in linear time', () => {
    const started = Date.now();
    const { targets } = parseMakefile(`t: ${'dep \\\n'.repeat(50_000)}end\n`);
    expect(targets).toEqual([{ name: 't', line: 1 }]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('nearest', () => {
  it('suggests the closest name and nothing when none is close', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearest('test-e2e', ['test', 'e2e-test', 'test-integration'])).toBe('e2e-test');
    expect(nearest('tset', ['test', 'lint'])).toBe('test');
    expect(nearest('deploy', ['test', 'lint'])).toBeUndefined();
    expect(didYouMean('bulid', ['build'])).toBe('; did you mean `build`?');
    expect(didYouMean('x'.repeat(500), ['x'])).toBe('');
  });
});
