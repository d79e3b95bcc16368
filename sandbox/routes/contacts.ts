/** Contacts: find, upsert by an identity key, get, unsubscribe. */
import { checkPropertyWrite } from '../properties.js';
import { IDENTITY_ORDER, type ContactWrite, type IdentityKey } from '../store.js';
import { badRequest, findContact, type Routes } from './common.js';
import { byCreation, pageNewestFirst } from './paging.js';

export const contactRoutes: Routes = {
  listContacts: (ctx) => {
    const { store } = ctx.state;
    const q = ctx.query;
    const given = IDENTITY_ORDER.filter((k) => q[k] !== undefined);
    if (given.length > 1)
      throw badRequest(`Find by one identity key at a time (got ${given.join(', ')}).`, given[1]);
    let items = [...store.contacts.values()];
    const key: IdentityKey | undefined = given[0];
    if (key !== undefined) {
      const found = store.findByKey(key, q[key] as string | number);
      items = found ? [found] : [];
    }
    if (typeof q.unsubscribed === 'boolean')
      items = items.filter((c) => c.unsubscribed === q.unsubscribed);
    return pageNewestFirst(ctx, 'contacts', items, byCreation, (c) => store.contactJson(c));
  },

  upsertContact: (ctx) => {
    const { store } = ctx.state;
    const write = ctx.body as ContactWrite;
    checkPropertyWrite(store.contactProperties, write.properties);
    const { contact, created } = store.upsertContact(ctx.query.match_on as IdentityKey, write);
    return { status: created ? 201 : 200, body: store.contactJson(contact) };
  },

  getContact: (ctx) => ({
    status: 200,
    body: ctx.state.store.contactJson(findContact(ctx.state, ctx.params.contact_id)),
  }),

  unsubscribeContact: (ctx) => {
    const { store } = ctx.state;
    const c = store.unsubscribe(findContact(ctx.state, ctx.params.contact_id), ctx.key.id);
    return { status: 200, body: store.contactJson(c) };
  },
};
