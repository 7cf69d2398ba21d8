export { contacts, contactIdentities } from './contact.schema';
export { findContact, findContacts, findOrCreateContactByIdentity, findOrCreateContactsByIdentity, walletAgentsOf, type ChannelIdentity, type ContactRow } from './contact.repository';
export { presentContact } from './contact.service';
export { registerContactRoutes, contactSchema } from './contact.routes';
export { toE164 } from './phone';
export { registerContactAttributeRoutes } from './contact-attribute.routes';
export { mergeContacts } from './contact.merge';
export { getContact } from './contact.service';
export { defineContactImportJobs, registerContactImportRoutes } from './import';
