import type { Channel, InboxSettings } from '@switchboard/shared-contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A client's endpoint on one channel: a widget key, an email address, a social page, a phone number. */
@Entity('inboxes')
export class InboxEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'client_id' }) clientId!: string;
  @Column('text') channel!: Channel;
  @Column('text') name!: string;
  @Column('text') address!: string;
  @Column('text', { name: 'widget_key', nullable: true }) widgetKey!: string | null;
  @Column('jsonb') settings!: InboxSettings;
  /** Web sites (origins) that may embed this inbox's chat widget, besides the product's own. */
  @Column('text', { name: 'allowed_origins', array: true }) allowedOrigins!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
