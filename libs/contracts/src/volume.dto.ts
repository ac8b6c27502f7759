import { JSONSchema } from 'class-validator-jsonschema';
import { BooleanField, NestedObject, StringField } from './field-decorators';
import { MAX_ID_LENGTH, MAX_URL_LENGTH } from './limits';
import type { HostPathVolume, NfsVolume, Volume } from './training-job-body';

export class HostPathVolumeDto implements HostPathVolume {
  @StringField({ required: true, max: MAX_URL_LENGTH })
  src_path!: string;

  @StringField({ required: true, max: MAX_URL_LENGTH })
  dest_path!: string;

  @BooleanField()
  read_only?: boolean;
}

/** An SFS Turbo volume (Table 6): a host-path volume (Table 7) plus the file system's id. */
export class NfsVolumeDto extends HostPathVolumeDto implements NfsVolume {
  @StringField({ required: true, max: MAX_ID_LENGTH })
  id!: string;
}

@JSONSchema({ description: 'Exactly one of nfs or host_path.' })
export class VolumeDto implements Volume {
  @NestedObject(() => NfsVolumeDto)
  nfs?: NfsVolumeDto;

  @NestedObject(() => HostPathVolumeDto)
  host_path?: HostPathVolumeDto;
}
