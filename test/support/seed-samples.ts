import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainingJobBody } from '@jobgate/contracts/records';

/** The three sample requests of the ModelArts "Creating a Training Job" page, kept verbatim as a contracts fixture. */
export function seedSamples(): TrainingJobBody[] {
  return JSON.parse(readFileSync(join(__dirname, '../../libs/contracts/src/fixtures/seed-sample-requests.json'), 'utf8'));
}

/** A small valid training job with a name of its own. */
export function sampleJob(jobName: string): TrainingJobBody {
  return {
    job_name: jobName,
    config: { worker_server_num: 1, app_url: '/usr/app/', boot_file_url: '/usr/app/boot.py', data_url: '/usr/data/', spec_id: 1, engine_id: 1 },
  };
}
