/**
 * Lists of ids kept under a key, one document per key (`{ _id: key, ids: [...] }`): the groups a person is in, a
 * buyer's inquiries, the inquiries a seller was alerted to. What would be a query by a field on MongoDB ("the
 * inquiries whose buyer is X") becomes a read by `_id`, the only filter FerretDB 1.x serves from an index.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from './define-model.js';

export interface IdListRecord {
  _id: string;
  ids: string[];
}

export type IdListModel = Model<IdListRecord>;

export function idListModel(connection: Connection, name: string, collection: string): IdListModel {
  return defineModel(
    connection,
    name,
    new Schema<IdListRecord>(
      { _id: { type: String, required: true }, ids: { type: [String], default: [] } },
      { collection },
    ),
  );
}

export class IdLists {
  constructor(private readonly model: IdListModel) {}

  /** Adds `id` under `key` (once). */
  async add(key: string, id: string): Promise<void> {
    await this.model.updateOne({ _id: key }, { $addToSet: { ids: id } }, { upsert: true });
  }

  async remove(key: string, id: string): Promise<void> {
    await this.model.updateOne({ _id: key }, { $pull: { ids: id } });
  }

  /** The ids under `key`, oldest first. */
  async read(key: string): Promise<string[]> {
    return (await this.model.findById(key).lean<IdListRecord>())?.ids ?? [];
  }

  async drop(key: string): Promise<void> {
    await this.model.deleteOne({ _id: key });
  }
}
