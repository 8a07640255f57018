import { describe, expect, it } from 'vitest';
import { parsePermissionsPolicy } from '../../src/headers/permissions-policy.js';

describe('parsePermissionsPolicy', () => {
  it('reads allowlists', () => {
    const { features, problems } = parsePermissionsPolicy([
      'camera=(), geolocation=(self "https://maps.example.com")',
      'fullscreen=*',
    ]);
    expect(problems).toEqual([]);
    expect(features.get('camera')).toEqual([]);
    expect(features.get('geolocation')).toEqual(['self', 'https://maps.example.com']);
    expect(features.get('fullscreen')).toEqual(['*']);
  });

  it.each([
    ["camera 'none'"],
    ['camera=(self'],
    ['Camera=()'],
    ['camera=(), , microphone=()'],
    ['camera=("unterminated)'],
  ])('reports %j as not a structured-field dictionary', (value) => {
    expect(parsePermissionsPolicy([value]).problems[0]).toMatch(/structured-field dictionary/);
  });

  it('flags values that are not tokens or strings', () => {
    expect(parsePermissionsPolicy(['camera=(1)']).problems[0]).toMatch(/camera/);
  });

  it('is empty and valid when absent', () => {
    expect(parsePermissionsPolicy([])).toEqual({ features: new Map(), problems: [] });
  });
});
