import { fileTypeFromBuffer } from 'file-type';
import { isAllowedType, isImage, isOfficeLegacy, isOfficeZip, isText } from './attachment.js';

/** How much of the start of a file the check reads: enough for every signature file-type knows. */
export const SAMPLE_BYTES = 64 * 1024;

export type Verdict = { status: 'available' } | { status: 'rejected'; reason: string };

/** Text has no NUL byte in its first part (logs, CSV, mail sources, in any ASCII-compatible encoding). */
const looksLikeText = (sample: Uint8Array): boolean => !sample.includes(0);

/**
 * Whether the bytes are what the upload said they are: the size as declared, the type detected
 * from the bytes (npm file-type) the declared one, and on the allow-list. Text types carry no
 * signature: they must have none and read as text. Office documents are zip (OOXML, ODF) or
 * compound files (legacy) inside.
 */
export const judgeUpload = async (input: {
  declaredType: string;
  declaredSize: number;
  actualSize: number;
  sample: Uint8Array;
}): Promise<Verdict> => {
  const { declaredType, declaredSize, actualSize, sample } = input;
  if (actualSize !== declaredSize) {
    return {
      status: 'rejected',
      reason: `The file has ${actualSize} bytes, not the ${declaredSize} declared`,
    };
  }
  if (!isAllowedType(declaredType)) {
    return { status: 'rejected', reason: `Files of type ${declaredType} are not allowed` };
  }
  const detected = (await fileTypeFromBuffer(sample))?.mime;
  if (isText(declaredType)) {
    if (detected === undefined && looksLikeText(sample)) return { status: 'available' };
    return {
      status: 'rejected',
      reason: `The file is ${detected ?? 'binary data'}, not ${declaredType}`,
    };
  }
  const matches =
    detected === declaredType ||
    (isOfficeZip(declaredType) && detected === 'application/zip') ||
    (isOfficeLegacy(declaredType) && detected === 'application/x-cfb') ||
    (declaredType === 'application/zip' && detected !== undefined && isOfficeZip(detected));
  if (matches) return { status: 'available' };
  return {
    status: 'rejected',
    reason: `The file is ${detected ?? 'of an unknown type'}, not ${declaredType}${isImage(declaredType) ? ' (not an image)' : ''}`,
  };
};
