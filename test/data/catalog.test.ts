import { parseAwsServiceCatalog, parseHipaaEligibleList, type ServiceEntry } from '../../policies/data/catalog';
import { buildCloudFormationIndex } from '../../policies/data/cloudformation-index';
import { buildTypeIndex } from '../../policies/data/type-index';

const validService = { id: 'widget', name: 'Amazon Widget', eligibility: 'eligible', hipaaListName: 'Amazon Widget', prefixes: ['aws_widget'] };

function catalogWith(...services: unknown[]): unknown {
  return { providerVersion: 'test', hipaaListDate: '2025-06-17', classifiedOn: '2026-11-22', services };
}

function entry(overrides: Partial<ServiceEntry> & Pick<ServiceEntry, 'id'>): ServiceEntry {
  return {
    name: overrides.id,
    eligibility: 'eligible',
    hipaaListName: overrides.id,
    prefixes: [],
    exactTypes: [],
    featureExclusions: [],
    cloudFormationNamespaces: [],
    cloudFormationTypes: [],
    ...overrides,
  };
}

describe('parseAwsServiceCatalog', () => {
  it('accepts a well-formed service and fills the optional lists', () => {
    const catalog = parseAwsServiceCatalog(catalogWith(validService));
    expect(catalog.services[0]).toMatchObject({ id: 'widget', exactTypes: [], featureExclusions: [], cloudFormationTypes: [] });
    expect(Object.isFrozen(catalog.services[0])).toBe(true);
  });

  it.each([
    ['an unknown eligibility', { ...validService, eligibility: 'maybe' }, /eligibility must be one of/],
    ['an eligible service without its list name', { ...validService, hipaaListName: undefined }, /needs hipaaListName/],
    ['a misspelt key', { ...validService, exactType: ['aws_widget_x'] }, /unknown key\(s\) exactType/],
    ['a prefix that is not an aws_ type', { ...validService, prefixes: ['aws_widget_'] }, /does not match/],
    ['a missing prefixes list', { ...validService, prefixes: undefined }, /prefixes: required/],
    ['a feature exclusion with no values', {
      ...validService,
      featureExclusions: [{ resourceType: 'aws_widget', attribute: 'type', values: [], qualifier: 'q' }],
    }, /at least one value/],
  ])('rejects %s', (_label, service, message) => {
    expect(() => parseAwsServiceCatalog(catalogWith(service))).toThrow(message);
  });

  it('rejects a duplicate service id', () => {
    expect(() => parseAwsServiceCatalog(catalogWith(validService, { ...validService, prefixes: ['aws_gadget'] }))).toThrow(/duplicate service id widget/);
  });
});

describe('parseHipaaEligibleList', () => {
  const list = { source: 'https://example.test', retrievedVia: 'test', sourceDate: '2025-06-17', takenOn: '2026-11-21', generalNotes: [], services: [{ name: 'Amazon Widget' }] };

  it('accepts a list whose services have no qualifiers', () => {
    expect(parseHipaaEligibleList(list).services).toEqual([{ name: 'Amazon Widget', qualifiers: [] }]);
  });

  it('rejects a date that is not ISO', () => {
    expect(() => parseHipaaEligibleList({ ...list, sourceDate: 'June 17, 2025' })).toThrow(/sourceDate/);
  });
});

describe('buildTypeIndex', () => {
  it('refuses two services claiming one prefix', () => {
    expect(() => buildTypeIndex([entry({ id: 'a', prefixes: ['aws_widget'] }), entry({ id: 'b', prefixes: ['aws_widget'] })])).toThrow(
      /prefix aws_widget is claimed by both a and b/,
    );
  });

  it('refuses a service claiming an exact type twice through its control plane', () => {
    const service = entry({ id: 'a', exactTypes: ['aws_widget'], controlPlane: { note: 'n', prefixes: [], exactTypes: ['aws_widget'] } });
    expect(() => buildTypeIndex([service])).toThrow(/exact type aws_widget/);
  });

  it('lets a control-plane prefix override the service inside it', () => {
    const index = buildTypeIndex([
      entry({ id: 'widget', prefixes: ['aws_widget'], controlPlane: { note: 'settings only', prefixes: ['aws_widget_settings'], exactTypes: [] } }),
    ]);
    expect(index.classify('aws_widget_store')).toMatchObject({ serviceId: 'widget', eligibility: 'eligible' });
    expect(index.classify('aws_widget_settings_v2')).toMatchObject({ serviceId: 'widget', eligibility: 'control-plane', note: 'settings only' });
  });

  it('keeps the alternative off a control-plane classification', () => {
    const index = buildTypeIndex([
      entry({ id: 'legacy', eligibility: 'not-eligible', hipaaListName: undefined, alternative: 'Amazon Widget', prefixes: ['aws_legacy'],
        controlPlane: { note: 'tags', prefixes: [], exactTypes: ['aws_legacy_tag'] } }),
    ]);
    expect(index.classify('aws_legacy_thing')?.alternative).toBe('Amazon Widget');
    expect(index.classify('aws_legacy_tag')?.alternative).toBeUndefined();
  });
});

describe('buildCloudFormationIndex', () => {
  it('refuses two services claiming one namespace', () => {
    expect(() => buildCloudFormationIndex([entry({ id: 'a', cloudFormationNamespaces: ['Widget'] }), entry({ id: 'b', cloudFormationNamespaces: ['widget'] })])).toThrow(
      /namespace widget is claimed by both a and b/,
    );
  });

  it('prefers an exact type over its namespace', () => {
    const index = buildCloudFormationIndex([
      entry({ id: 'widget', cloudFormationNamespaces: ['Widget'] }),
      entry({ id: 'widget-db', eligibility: 'not-eligible', hipaaListName: undefined, cloudFormationTypes: ['AWS::Widget::Database'] }),
    ]);
    expect(index.classify('AWS::Widget::Database')).toMatchObject({ serviceId: 'widget-db', matchedBy: 'cloudformation-type' });
    expect(index.classify('AWS::Widget::Cache')).toMatchObject({ serviceId: 'widget', matchedBy: 'cloudformation-namespace' });
  });
});
