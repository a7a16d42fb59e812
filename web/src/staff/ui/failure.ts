// Any thrown value as an ApiError, so that screens show one kind of error.
import { ApiError } from '../../shared/api';
import { t } from '../i18n';

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, null, t('error.unexpected'));
}
