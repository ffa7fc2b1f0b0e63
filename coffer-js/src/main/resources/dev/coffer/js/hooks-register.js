// The registration globals a pb_hooks file calls while it is loaded: each hands its handler to the host, which runs
// it later in an engine of its pool (as PocketBase does, a handler sees only its own scope and the globals, not the
// file's other variables).
(function (global, register) {
  'use strict';

  global.routerAdd = function (method, path, handler, ...middlewares) {
    register.route(String(method).toUpperCase(), String(path), handler, middlewares);
  };
  global.routerUse = function (...middlewares) { register.use(middlewares); };
  global.cronAdd = function (id, expr, handler) { register.cronAdd(String(id), String(expr), handler); };
  global.cronRemove = function (id) { register.cronRemove(String(id)); };

  // every hook PocketBase's app has; the host binds those it supports and warns about the others
  const hooks = ['onBootstrap', 'onServe', 'onTerminate', 'onBackupCreate', 'onBackupRestore', 'onModelValidate',
    'onModelCreate', 'onModelCreateExecute', 'onModelAfterCreateSuccess', 'onModelAfterCreateError', 'onModelUpdate',
    'onModelUpdateExecute', 'onModelAfterUpdateSuccess', 'onModelAfterUpdateError', 'onModelDelete',
    'onModelDeleteExecute', 'onModelAfterDeleteSuccess', 'onModelAfterDeleteError', 'onRecordEnrich',
    'onRecordValidate', 'onRecordCreate', 'onRecordCreateExecute', 'onRecordAfterCreateSuccess',
    'onRecordAfterCreateError', 'onRecordUpdate', 'onRecordUpdateExecute', 'onRecordAfterUpdateSuccess',
    'onRecordAfterUpdateError', 'onRecordDelete', 'onRecordDeleteExecute', 'onRecordAfterDeleteSuccess',
    'onRecordAfterDeleteError', 'onCollectionValidate', 'onCollectionCreate', 'onCollectionCreateExecute',
    'onCollectionAfterCreateSuccess', 'onCollectionAfterCreateError', 'onCollectionUpdate',
    'onCollectionUpdateExecute', 'onCollectionAfterUpdateSuccess', 'onCollectionAfterUpdateError',
    'onCollectionDelete', 'onCollectionDeleteExecute', 'onCollectionAfterDeleteSuccess',
    'onCollectionAfterDeleteError', 'onMailerSend', 'onMailerRecordAuthAlertSend', 'onMailerRecordPasswordResetSend',
    'onMailerRecordVerificationSend', 'onMailerRecordEmailChangeSend', 'onMailerRecordOTPSend',
    'onRealtimeConnectRequest', 'onRealtimeMessageSend', 'onRealtimeSubscribeRequest', 'onSettingsListRequest',
    'onSettingsUpdateRequest', 'onSettingsReload', 'onFileDownloadRequest', 'onFileTokenRequest',
    'onRecordAuthRequest', 'onRecordAuthWithPasswordRequest', 'onRecordAuthWithOAuth2Request',
    'onRecordAuthRefreshRequest', 'onRecordRequestPasswordResetRequest', 'onRecordConfirmPasswordResetRequest',
    'onRecordRequestVerificationRequest', 'onRecordConfirmVerificationRequest', 'onRecordRequestEmailChangeRequest',
    'onRecordConfirmEmailChangeRequest', 'onRecordRequestOTPRequest', 'onRecordAuthWithOTPRequest',
    'onRecordsListRequest', 'onRecordViewRequest', 'onRecordCreateRequest', 'onRecordUpdateRequest',
    'onRecordDeleteRequest', 'onCollectionsListRequest', 'onCollectionViewRequest', 'onCollectionCreateRequest',
    'onCollectionUpdateRequest', 'onCollectionDeleteRequest', 'onCollectionsImportRequest', 'onBatchRequest'];
  for (const name of hooks) {
    global[name] = function (handler, ...tags) {
      register.hook(name, handler, tags.map(String).join('\u0000'));
    };
  }
})(globalThis, globalThis.__cofferRegister);
