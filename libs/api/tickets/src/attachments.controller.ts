import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/api-platform';
import type { UploadedAttachment } from '@switchboard/shared-contracts';
import { attachmentDisposition, downloadContentType } from '@switchboard/shared-domain';
import type { Request, Response } from 'express';
import { AttachmentsService } from './attachments.service';

/**
 * Files on tickets. Upload: the raw file is the request body (its type in `Content-Type`, its name
 * URL-encoded in `X-Filename`), read by a size-capped raw parser before this controller runs. Download:
 * always as an attachment, under a policy that lets nothing in it run, never sniffed, never cached.
 */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('tickets/:ticketId/attachments')
  @HttpCode(201)
  @Roles('agent', 'team_lead', 'admin')
  upload(
    @CurrentPrincipal() principal: Principal,
    @Param('ticketId') ticketId: string,
    @Req() request: Request,
    @Headers('x-filename') filename: string | undefined,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<UploadedAttachment> {
    return this.attachments.upload(principal, ticketId, { filenameHeader: filename, contentTypeHeader: contentType, body: request.body });
  }

  @Get('attachments/:attachmentId')
  async download(@CurrentPrincipal() principal: Principal, @Param('attachmentId') attachmentId: string, @Res() response: Response): Promise<void> {
    const file = await this.attachments.download(principal, attachmentId);
    response.status(200);
    response.setHeader('Content-Type', downloadContentType(file.contentType));
    response.setHeader('Content-Length', String(file.content.length));
    response.setHeader('Content-Disposition', attachmentDisposition(file.filename));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.end(file.content);
  }

  /** A pending upload of the caller's, taken off the draft before sending. */
  @Delete('attachments/:attachmentId')
  @HttpCode(204)
  @Roles('agent', 'team_lead', 'admin')
  remove(@CurrentPrincipal() principal: Principal, @Param('attachmentId') attachmentId: string): Promise<void> {
    return this.attachments.remove(principal, attachmentId);
  }
}
