import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `dir/org.yaml`: one region (华东) with its department manager
 * (`boss`), regional manager (`lead`) and `count` salespeople `s0`…, all on
 * Feishu (`ou_s0`…), for the tests that send one reminder to many people.
 */
export function feishuSalesOrg(dir: string, count: number): string {
  const people = [
    '  - { id: boss, name: 部门经理, role: department_manager, region: 华东, feishu: ou_boss }',
    '  - { id: lead, name: 区域经理, role: regional_manager, region: 华东, manager: boss, feishu: ou_lead }',
    ...Array.from({ length: count }, (_, i) => `  - { id: s${i}, name: 销售${i}, role: sales, region: 华东, manager: lead, feishu: ou_s${i} }`),
  ];
  const file = join(dir, 'org.yaml');
  writeFileSync(file, ['regions: [华东]', 'people:', ...people, ''].join('\n'));
  return file;
}
