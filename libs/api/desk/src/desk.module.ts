import { Module } from '@nestjs/common';
import { DeskController } from './desk.controller';
import { DeskService } from './desk.service';

/** What agents use at their desk, per client: canned responses and disposition codes. */
@Module({
  controllers: [DeskController],
  providers: [DeskService],
})
export class DeskModule {}
