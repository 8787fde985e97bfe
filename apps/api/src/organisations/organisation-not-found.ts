import { ApiError } from '../errors/api-error';

/**
 * The one answer for an organisation that does not exist and for one the caller does not belong
 * to: the two must not be told apart.
 */
export function organisationNotFound(id: string): ApiError {
  return new ApiError('ORGANISATION_NOT_FOUND', `no organisation ${id}`);
}
