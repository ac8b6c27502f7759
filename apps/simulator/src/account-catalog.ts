/**
 * The flavors and engines of the simulated account (reference §2.10, §2.11): the IDs the docs' samples
 * use (`spec_id` 1, `engine_id` 1) plus a few more, one flavor without capacity. Creates are checked
 * against them as ModelArts does: an unknown flavor or engine, or more workers than the flavor's
 * `max_num`, is refused with the error code of the common table (§4.2).
 */
export interface SimSpec {
  spec_id: number;
  core: string;
  cpu: string;
  gpu_num: number;
  gpu_type: string;
  spec_code: string;
  unit_num: number;
  max_num: number;
  storage: string;
  interface_type: number;
  no_resource: boolean;
}

export interface SimEngine {
  engine_type: number;
  engine_id: number;
  engine_name: string;
  engine_version: string;
}

export const TRAIN_SPECS: readonly SimSpec[] = [
  {
    spec_id: 1,
    core: '2',
    cpu: '8',
    gpu_num: 0,
    gpu_type: '',
    spec_code: 'modelarts.vm.cpu.2u',
    unit_num: 1,
    max_num: 2,
    storage: '',
    interface_type: 1,
    no_resource: false,
  },
  {
    spec_id: 2,
    core: '8',
    cpu: '32',
    gpu_num: 0,
    gpu_type: '',
    spec_code: 'modelarts.vm.cpu.8u',
    unit_num: 4,
    max_num: 5,
    storage: '',
    interface_type: 1,
    no_resource: false,
  },
  {
    spec_id: 3,
    core: '8',
    cpu: '64',
    gpu_num: 1,
    gpu_type: 'v100',
    spec_code: 'modelarts.vm.gpu.v100',
    unit_num: 8,
    max_num: 4,
    storage: '800GB',
    interface_type: 1,
    no_resource: true,
  },
];

// §2.3 maps engine_type 1 to TensorFlow, 9 to XGBoost-Sklearn, 10 to PyTorch; §2.11's live values name engine ids 1, 4 and 100.
const TRAIN_ENGINES: readonly SimEngine[] = [
  { engine_type: 1, engine_id: 1, engine_name: 'TensorFlow', engine_version: 'TF-1.4.0-python2.7' },
  { engine_type: 1, engine_id: 4, engine_name: 'TensorFlow', engine_version: 'TF-1.8.0-python3.6' },
  { engine_type: 9, engine_id: 100, engine_name: 'XGBoost-Sklearn', engine_version: 'XGBoost-0.80-Sklearn-0.18.1-python2.7' },
  { engine_type: 10, engine_id: 122, engine_name: 'PyTorch', engine_version: 'PyTorch-1.4.0-python3.6' },
];

const INFERENCE_SPECS: readonly SimSpec[] = [
  {
    spec_id: 101,
    core: '2',
    cpu: '8',
    gpu_num: 0,
    gpu_type: '',
    spec_code: 'modelarts.vm.cpu.2u.infer',
    unit_num: 1,
    max_num: 1,
    storage: '',
    interface_type: 1,
    no_resource: false,
  },
];
const INFERENCE_ENGINES: readonly SimEngine[] = [{ engine_type: 1, engine_id: 201, engine_name: 'TensorFlow', engine_version: 'TF-1.8.0-python3.6-infer' }];

export function specsFor(jobType: 'train' | 'inference'): readonly SimSpec[] {
  return jobType === 'train' ? TRAIN_SPECS : INFERENCE_SPECS;
}

export function enginesFor(jobType: 'train' | 'inference'): readonly SimEngine[] {
  return jobType === 'train' ? TRAIN_ENGINES : INFERENCE_ENGINES;
}

/**
 * What ModelArts refuses in a training config's resources: FlavorNotFound (2781), EngineNotFound (2780)
 * and FlavorOutOfRange (2793), all HTTP 400 in the common table. A dedicated-pool job (no `spec_id`)
 * is not checked against the public flavors; no `engine_id` means the default engine 1.
 */
export function resourceProblem(config: Record<string, unknown>): { code: string; message: string } | undefined {
  const specId = config.spec_id;
  const spec = specId === undefined || specId === null ? undefined : TRAIN_SPECS.find((s) => String(s.spec_id) === String(specId));
  if (specId !== undefined && specId !== null && !spec) return { code: 'ModelArts.2781', message: `FlavorNotFound: flavor ${String(specId)} not found` };
  const engineId = config.engine_id ?? 1;
  if (!TRAIN_ENGINES.some((e) => String(e.engine_id) === String(engineId)))
    return { code: 'ModelArts.2780', message: `EngineNotFound: engine ${String(engineId)} not found` };
  const workers = config.worker_server_num;
  if (spec && typeof workers === 'number' && workers > spec.max_num) {
    return { code: 'ModelArts.2793', message: `FlavorOutOfRange: worker_server_num ${workers} exceeds max_num ${spec.max_num} of flavor ${spec.spec_code}` };
  }
  return undefined;
}
